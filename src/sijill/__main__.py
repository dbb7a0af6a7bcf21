from sijill.cli import app

app(prog_name="sijill")
