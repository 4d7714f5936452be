/// The shell's dot-commands, in the manner of sqlite3: only at the start of a statement.
struct DotCommand: Sendable {
    /// The name, with its dot: `.mode`.
    let name: String
    /// How it is written.
    let usage: String
    /// One line of help.
    let summary: String

    /// Every dot-command.
    static let all: [DotCommand] = [
        DotCommand(name: ".entities", usage: ".entities", summary: "list the entities statements can read"),
        DotCommand(name: ".exit", usage: ".exit", summary: "leave the shell (also .quit and Ctrl-D)"),
        DotCommand(name: ".help", usage: ".help [PREFIX]", summary: "show help, for commands starting with PREFIX"),
        DotCommand(name: ".mode", usage: ".mode table|json|csv|yaml", summary: "how results are printed"),
        DotCommand(name: ".quit", usage: ".quit", summary: "leave the shell (also .exit and Ctrl-D)"),
        DotCommand(name: ".read", usage: ".read FILE", summary: "run the statements in FILE"),
        DotCommand(name: ".schema", usage: ".schema ENTITY", summary: "the fields of ENTITY, with their types"),
        DotCommand(name: ".sql", usage: ".sql SQL", summary: "run raw SQL on a read-only connection (for power users)"),
        DotCommand(name: ".timer", usage: ".timer on|off", summary: "print how long each statement took"),
    ]

    /// The statement forms, for `.help`.
    static let statements: [(usage: String, summary: String)] = [
        ("ENTITY [of NAME] [where CONDITION] [select FIELD, ...] [sort by FIELD [desc], ...] [limit N];", "read rows"),
        ("ENTITY ... count [by FIELD];  ENTITY ... sum FIELD [by FIELD];", "count or add up, optionally per group"),
        ("allocate RANGE|ADDRESS to NAME [dns FQDN];", "allocate an address to a host, VM or service"),
        ("allocate RANGE to NAME new service [cluster C] [description D];", "create service NAME and allocate an address to it"),
        ("release ADDRESS;", "release an allocated address"),
        ("capacity [HOST];", "committed against physical per host, pool, cluster and range (as `labdb capacity`)"),
        ("capacity fit cpu N ram SIZE [disk SIZE@POOL ...] [count N] [range RANGE] [host HOST ...];",
         "whether N more VMs of a shape fit, where, and what runs out first (as `labdb capacity fit`)"),
        ("add ENTITY NAME [FIELD = VALUE, ...];", "add a host, VM, cluster or zone"),
        ("set ENTITY NAME FIELD = VALUE [, FIELD = VALUE];", "change fields of one object"),
        ("delete ENTITY NAME;", "delete one object (refused while others depend on it)"),
    ]
}
