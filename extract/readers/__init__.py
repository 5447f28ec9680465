"""One reader per source kind; each turns a file into a :class:`SourceDocument`."""
