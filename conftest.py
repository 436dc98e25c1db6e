"""Root pytest configuration: keep doctest collection away from the module that runs the CLI."""

collect_ignore = ["pipeline/__main__.py"]
