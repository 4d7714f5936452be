/// The query language: lexer, parser, binder and SQL compiler. (Filled in by the query-language issue.)
public enum LabQueryModule {}
