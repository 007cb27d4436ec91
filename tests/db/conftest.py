from vigil_dbtest import (  # noqa: F401
    app,
    client,
    connection,
    engine,
    make_user,
    session,
    sessions,
    settings,
)
