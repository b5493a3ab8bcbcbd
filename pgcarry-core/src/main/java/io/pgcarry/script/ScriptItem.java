package io.pgcarry.script;

/** One thing a SQL script asks for, in the order the script asks for it: see {@link SqlScriptReader#next()}. */
public sealed interface ScriptItem permits SqlStatement, CopyStatement, MetaCommand {
    /** The 1-based line of the script where this item starts, for messages that point the user at it. */
    int line();
}
