// The labdb command line: parse, run, map errors to exit codes.
LabdbEntry.main(arguments: Array(CommandLine.arguments.dropFirst()))
