"""The documentation, a package only so that its conftest does not clash with the tests'."""
