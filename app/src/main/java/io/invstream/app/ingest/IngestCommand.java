package io.invstream.app.ingest;

import picocli.CommandLine.Command;

/** Parent of the ingest sources. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Produce labelled examples to the environment topics.",
    subcommands = {SyntheticIngestCommand.class, FileIngestCommand.class})
public final class IngestCommand {}
