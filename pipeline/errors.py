"""The one exception for a bad document; imports nothing from the package."""


class BadInput(Exception):
    """A document that cannot be read: the message names the file, the problem and the remedy."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
