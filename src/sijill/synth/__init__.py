"""Generated test material: fictional documents with gold, rendered as scans (arabic)."""
