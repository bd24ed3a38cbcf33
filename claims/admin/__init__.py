"""The editors' workspace (Django admin). Importing the modules registers the ModelAdmins."""

from . import claims  # noqa: F401
