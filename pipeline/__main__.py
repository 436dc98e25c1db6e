"""Makes `python -m pipeline` the same as the `inkoopradar` command."""

from pipeline.cli import cli

cli(prog_name="inkoopradar")
