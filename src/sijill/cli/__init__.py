"""The `sijill` command: a thin layer over the library, one command per job.

Each module holds one group of commands (`ingest`, `parse`, `query`, ...) and what they share
is in `_util`; this one builds the app and registers every command, in the order `--help`
lists them. No module outside `sijill.cli` imports it.
"""

from __future__ import annotations

import typer

from sijill.cli import (
    archive,
    checks,
    entities,
    export,
    ingest,
    pairs,
    parse,
    query,
    relations,
    web,
)
from sijill.cli._util import Group

app = typer.Typer(
    cls=Group,
    help="Sijill: a searchable, citable register of armed groups' own documents.",
    no_args_is_help=True,
    add_completion=False,
)

app.command("ingest")(ingest.ingest_command)
app.command("parse")(parse.parse_command)
app.command("search")(query.search_command)
app.command("show")(archive.show_command)
app.command("stats")(archive.stats_command)
app.command("reprocess")(ingest.reprocess_command)
app.command("evaluate")(parse.evaluate_command)
app.command("check")(checks.check_command)
app.command("entity")(entities.entity_command)
app.command("export")(export.export_command)
app.command("import")(export.import_command)
app.command("train")(parse.train_command)
app.command("alerts")(query.alerts_command)
app.command("timeline")(relations.timeline_command)
app.command("network")(relations.network_command)
app.command("serve")(web.serve_command)

app.add_typer(checks.flags_app, name="flags")
app.add_typer(pairs.pairs_app, name="pairs")
app.add_typer(entities.names_app, name="names")
app.add_typer(entities.entities_app, name="entities")
app.add_typer(query.searches_app, name="searches")
app.add_typer(query.tags_app, name="tag")
app.add_typer(relations.relations_app, name="relations")
app.add_typer(web.users_app, name="users")
