package org.gongkai.streams.ledger;

/** A rejected event's original bytes, on their way to the dead-letter topic (reason in the headers). */
public record DeadLetter(byte[] value) {}
