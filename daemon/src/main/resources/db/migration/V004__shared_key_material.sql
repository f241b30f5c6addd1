-- Key material every session shares (KeyStore.shared(): the phone <-> LID map). A table of its
-- own rather than key_material with a sentinel session id: key_material.session_id references
-- sessions(id), so a sentinel would need a fake session row that session listings, deletion
-- and clear() would all have to step around; here deleting or clearing a session cannot touch
-- it, and a PostgreSQL store gets the same two tables.
CREATE TABLE shared_key_material (
    namespace TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     BLOB NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
