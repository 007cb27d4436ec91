"""Digital evidence: originals kept byte for byte, messages traced to them, and their custody.

Built on the pure parsers in `vigil.importers`: this package stores what they
read (`store`), records it against a case (`importing`), proves it unchanged
(`verify`) and hands it to a prosecutor (`bundle`). Custody events are written
through the audit log, so its hash chain covers them.
"""
