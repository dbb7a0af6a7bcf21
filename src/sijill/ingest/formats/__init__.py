"""The formats Sijill reads, one `Ingestor` class a module; every module here is imported,
so a new format is a new file (see `sijill.ingest.ingestor`)."""

from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
