package io.sluice.examples.redis;

import io.sluice.codec.resp.RespError;
import io.sluice.codec.resp.RespMessage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The commands by name, with Redis' arity rule and its errors for unknown commands and wrong arity. */
final class CommandTable {
    /** What a command does; runs holding the keyspace lock. */
    @FunctionalInterface
    interface Command {
        RespMessage run(Session session, Args args);
    }

    /**
     * A command: {@code arity} counts the name, as Redis does: {@code n} exactly n arguments,
     * {@code -n} at least n. {@code write}: whether it changes the keyspace.
     */
    record Spec(String name, int arity, boolean write, Command command) {}

    private final Map<String, Spec> commands = new LinkedHashMap<>();

    void add(String name, int arity, boolean write, Command command) {
        commands.put(name, new Spec(name, arity, write, command));
    }

    Collection<Spec> all() {
        return commands.values();
    }

    /** The command {@code name} ({@code args}' first, in lower case), checking its arity; throws Redis' error otherwise. */
    Spec lookup(String name, Args args) {
        Spec spec = commands.get(name);
        if (spec == null) {
            StringBuilder reply = new StringBuilder("ERR unknown command '").append(clip(args.string(0)))
                    .append("', with args beginning with: ");
            for (int i = 1; i < args.size() && reply.length() < 128; i++) {
                reply.append('\'').append(clip(args.string(i))).append("' ");
            }
            throw new RedisException(reply.toString());
        }
        int n = args.size();
        if (spec.arity() > 0 ? n != spec.arity() : n < -spec.arity()) {
            throw new RedisException("ERR wrong number of arguments for '" + spec.name() + "' command");
        }
        return spec;
    }

    /** Runs {@code args} (lookup, arity, command); a failure becomes an error reply. */
    RespMessage execute(Session session, String name, Args args) {
        try {
            return lookup(name, args).command().run(session, args);
        } catch (RedisException e) {
            return RespError.of(e.getMessage());
        }
    }

    private static String clip(String s) {
        String line = s.replace('\r', ' ').replace('\n', ' ');
        return line.length() > 64 ? line.substring(0, 64) : line;
    }
}
