"""The web app: `sijill serve` turns the archive into pages and a JSON API."""
