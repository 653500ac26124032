import no_such_module_for_gdpc  # noqa: F401
