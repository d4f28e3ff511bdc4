package io.sluice.examples.redis;

import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespAggregate;
import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PING, ECHO, HELLO (2 and 3), SELECT 0, CONFIG GET, COMMAND (COUNT, DOCS), CLIENT SETNAME/GETNAME/ID,
 * INFO, QUIT, and the names MULTI, EXEC and DISCARD (which {@link RedisHandler} runs itself).
 */
final class ServerCommands {
    /** What CONFIG GET reports: enough for redis-benchmark, which asks for save and appendonly. */
    private static final Map<String, String> CONFIG = Map.of("save", "", "appendonly", "no", "maxmemory", "0",
            "databases", "1", "maxmemory-policy", "noeviction");
    static final String VERSION = "7.0.0";

    private ServerCommands() {}

    static void register(CommandTable t) {
        t.add("ping", -1, false, (s, a) -> switch (a.size()) {
            case 1 -> SimpleString.PONG;
            case 2 -> Session.bulk(a.bytes(1));
            default -> throw new RedisException("ERR wrong number of arguments for 'ping' command");
        });
        t.add("echo", 2, false, (s, a) -> Session.bulk(a.bytes(1)));
        t.add("hello", -1, false, ServerCommands::hello);
        t.add("select", 2, false, (s, a) -> {
            if (a.integer(1, Integer.MIN_VALUE, Integer.MAX_VALUE, RedisException.NOT_INTEGER) != 0) {
                throw new RedisException("ERR DB index is out of range");
            }
            return SimpleString.OK;
        });
        t.add("config", -2, false, (s, a) -> {
            if (!a.is(1, "get")) {
                throw new RedisException("ERR unknown subcommand '" + a.string(1) + "'. Try CONFIG HELP.");
            }
            List<RespMessage> pairs = new ArrayList<>();
            for (int i = 2; i < a.size(); i++) {
                byte[] pattern = a.bytes(i);
                CONFIG.forEach((name, value) -> {
                    if (Glob.matches(pattern, name.getBytes(StandardCharsets.US_ASCII))) {
                        pairs.add(BulkString.of(name));
                        pairs.add(BulkString.of(value));
                    }
                });
            }
            return s.map(pairs);
        });
        t.add("command", -1, false, (s, a) -> {
            if (a.size() == 1) {
                return commandInfo(t);
            } else if (a.is(1, "count")) {
                return RespInteger.of(t.all().size());
            } else if (a.is(1, "docs")) {
                return s.map(new ArrayList<>()); // no docs: redis-cli then uses its built-in help
            }
            throw new RedisException("ERR unknown subcommand '" + a.string(1) + "'. Try COMMAND HELP.");
        });
        t.add("client", -2, false, ServerCommands::client);
        t.add("info", -1, false, (s, a) -> BulkString.of("# Server\r\nredis_version:" + VERSION
                + "\r\nredis_mode:standalone\r\nserver_name:sluice-redis-example\r\n\r\n# Keyspace\r\n"
                + (s.db.size() > 0 ? "db0:keys=" + s.db.size() + ",expires=0,avg_ttl=0\r\n" : "")));
        t.add("quit", -1, false, (s, a) -> {
            s.quit = true;
            return SimpleString.OK;
        });
        // run by RedisHandler; listed here for COMMAND and arity checks
        t.add("multi", 1, false, (s, a) -> SimpleString.OK);
        t.add("exec", 1, false, (s, a) -> SimpleString.OK);
        t.add("discard", 1, false, (s, a) -> SimpleString.OK);
    }

    private static RespMessage hello(Session s, Args a) {
        int i = 1;
        if (a.size() > 1) {
            long version;
            try {
                version = a.integer(1);
            } catch (RedisException e) {
                throw new RedisException("ERR Protocol version is not an integer or out of range");
            }
            if (version != 2 && version != 3) {
                throw new RedisException("NOPROTO unsupported protocol version");
            }
            i = 2;
            String name = null;
            for (; i < a.size(); i++) {
                if (a.is(i, "setname") && i + 1 < a.size()) {
                    name = a.string(++i);
                } else if (a.is(i, "auth") && i + 2 < a.size()) {
                    i += 2; // no users here: any credentials are accepted
                } else {
                    throw new RedisException("ERR Syntax error in HELLO option '" + a.string(i) + "'");
                }
            }
            s.protocol = (int) version;
            if (name != null) {
                s.name = name;
            }
        }
        List<RespMessage> info = new ArrayList<>(List.of(BulkString.of("server"), BulkString.of("redis"),
                BulkString.of("version"), BulkString.of(VERSION), BulkString.of("proto"), RespInteger.of(s.protocol),
                BulkString.of("id"), RespInteger.of(s.id), BulkString.of("mode"), BulkString.of("standalone"),
                BulkString.of("role"), BulkString.of("master"), BulkString.of("modules"),
                RespAggregate.array(new ArrayList<>())));
        return s.map(info);
    }

    private static RespMessage client(Session s, Args a) {
        if (a.is(1, "setname") && a.size() == 3) {
            String name = a.string(2);
            if (name.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new RedisException("ERR Client names cannot contain spaces, newlines or special characters.");
            }
            s.name = name.isEmpty() ? null : name;
            return SimpleString.OK;
        } else if (a.is(1, "getname") && a.size() == 2) {
            return s.name == null ? s.nil() : BulkString.of(s.name);
        } else if (a.is(1, "id") && a.size() == 2) {
            return RespInteger.of(s.id);
        }
        throw new RedisException("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                + "'. Try CLIENT HELP.");
    }

    /** COMMAND's reply: per command its name, arity, flags, and first key, last key and step. */
    private static RespMessage commandInfo(CommandTable t) {
        List<RespMessage> all = new ArrayList<>();
        for (CommandTable.Spec spec : t.all()) {
            boolean keys = !List.of("ping", "echo", "hello", "select", "config", "command", "client", "info", "quit",
                    "multi", "exec", "discard", "dbsize", "flushdb", "flushall", "keys", "scan").contains(spec.name());
            all.add(RespAggregate.array(new ArrayList<>(List.of(BulkString.of(spec.name()), RespInteger.of(spec.arity()),
                    RespAggregate.array(new ArrayList<>(List.of(SimpleString.of(spec.write() ? "write" : "readonly")))),
                    RespInteger.of(keys ? 1 : 0), RespInteger.of(keys ? 1 : 0), RespInteger.of(keys ? 1 : 0)))));
        }
        return RespAggregate.array(all);
    }
}
