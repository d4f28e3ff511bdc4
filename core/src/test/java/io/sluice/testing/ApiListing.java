package io.sluice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module, listed from its compiled classes: every public or protected type,
 * constructor, method and field of the packages its {@code module-info} exports to everyone, one line
 * per member, sorted, so the listing is stable and each API change is a readable line in a diff
 * (Okio's {@code .api} files do the same). A test of each deployed module calls {@link #check} to
 * compare the committed listing, {@code <module>/api/<module>.api}, with the compiled classes.
 *
 * <p>Format: a type line ({@code public final class io.sluice.buffer.Buffers}, a record with its
 * components) followed by its members, indented by two spaces: fields by name, constructors, then
 * methods by name and signature.
 * Inherited members are not repeated; synthetic and bridge methods are left out; {@code java.lang.}
 * is dropped from type names and nested types are written with a dot.
 */
public final class ApiListing {
    /** The system property that makes {@link #check} rewrite the listing instead of comparing it. */
    public static final String UPDATE_PROPERTY = "sluice.api.update";
    /** The command that regenerates every deployed module's listing (README, "Contributing"). */
    public static final String UPDATE_COMMAND = "./mvnw -B -o test -pl core,codec,transport-nio -am"
            + " -Dtest=ApiListingTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    private static final Pattern TYPE_NAME = Pattern.compile("(?:class|interface|enum|record) ([^\\s<]+)");
    private static final Pattern JAVA_LANG = Pattern.compile("\\bjava\\.lang\\.(?=[A-Z])");
    private static final int TYPE_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.ABSTRACT
            | Modifier.STATIC | Modifier.FINAL;
    private static final int FIELD_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
            | Modifier.FINAL | Modifier.VOLATILE | Modifier.TRANSIENT;
    /** Not VOLATILE and TRANSIENT: on a method those bits mean bridge and varargs. */
    private static final int EXECUTABLE_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.ABSTRACT
            | Modifier.STATIC | Modifier.FINAL;

    private ApiListing() {}

    /**
     * Compares the committed listing of the module that holds {@code anyClass} with its compiled
     * classes; with {@code -Dsluice.api.update=true}, writes the listing instead.
     *
     * @param anyClass any class of the module's main code (locates {@code target/classes})
     * @param listingName the file name under the module's {@code api} folder, e.g. {@code core.api}
     * @throws AssertionError listing the lines removed ({@code -}) and added ({@code +}) under their
     *     types, and the command that updates the listing
     */
    public static void check(Class<?> anyClass, String listingName) throws IOException {
        Path classes = classesDirectory(anyClass);
        Path listing = classes.getParent().getParent().resolve("api").resolve(listingName);
        String actual = render(classes);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(listing.getParent());
            Files.writeString(listing, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(listing)) {
            throw new AssertionError("public API listing missing: " + listing + " (expected: a committed"
                    + " listing; generate it with: " + UPDATE_COMMAND + ")");
        }
        String committed = Files.readString(listing, StandardCharsets.UTF_8);
        if (!committed.equals(actual)) {
            throw new AssertionError("public API changed: " + listing + " (expected: the committed listing)\n"
                    + diff(committed, actual)
                    + "If the change is intended, update the listing and commit it with the change:\n  "
                    + UPDATE_COMMAND + "\n");
        }
    }

    /** Lists the public API of the exploded module in {@code classes} (its {@code module-info.class} names the exports). */
    public static String render(Path classes) throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Public API of module ").append(module.name())
                .append(" (generated by io.sluice.testing.ApiListing; do not edit)\n");
        TreeSet<String> packages = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String pkg : packages) {
            out.append("\npackage ").append(pkg).append('\n');
            for (Class<?> type : visibleTypes(classes, pkg)) {
                out.append('\n').append(typeLine(type)).append('\n');
                for (String member : members(type)) {
                    out.append("  ").append(member).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static Path classesDirectory(Class<?> anyClass) {
        try {
            return Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("classes directory of " + anyClass.getName() + ": unreadable", e);
        }
    }

    private static List<Class<?>> visibleTypes(Path classes, String pkg) throws IOException {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                    .map(f -> pkg + "." + f.substring(0, f.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
        ClassLoader loader = ApiListing.class.getClassLoader();
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (isVisible(type)) {
                    types.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new UncheckedIOException(new IOException("class listed but not loadable: " + name, e));
            }
        }
        types.sort((a, b) -> typeName(a).compareTo(typeName(b)));
        return types;
    }

    private static boolean isVisible(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        int modifiers = type.getModifiers();
        Class<?> outer = type.getDeclaringClass();
        if (outer == null) {
            return Modifier.isPublic(modifiers);
        }
        return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && isVisible(outer);
    }

    private static String typeLine(Class<?> type) {
        StringBuilder line = new StringBuilder();
        int modifiers = type.getModifiers() & TYPE_MODIFIERS;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~(Modifier.FINAL | Modifier.STATIC | Modifier.ABSTRACT);
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
        } else {
            kind = "class";
        }
        line.append(Modifier.toString(modifiers));
        if (type.isSealed()) {
            line.append(" sealed");
        }
        line.append(' ').append(kind).append(' ').append(typeName(type)).append(typeParameters(type.getTypeParameters()));
        if (type.isRecord()) {
            line.append(Arrays.stream(type.getRecordComponents())
                    .map(c -> name(c.getGenericType()) + " " + c.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(name(superclass));
        }
        Type[] interfaces = type.isAnnotation() ? new Type[0] : type.getGenericInterfaces();
        if (interfaces.length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(ApiListing::name).collect(Collectors.joining(", ")));
        }
        return line.toString().strip();
    }

    private static Set<String> members(Class<?> type) {
        Set<String> lines = new LinkedHashSet<>();
        Arrays.stream(type.getDeclaredFields())
                .filter(f -> !f.isSynthetic() && isApi(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .map(ApiListing::fieldLine)
                .forEach(lines::add);
        Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> !c.isSynthetic() && isApi(c.getModifiers()))
                .map(c -> executableLine(c, type, null))
                .sorted()
                .forEach(lines::add);
        Arrays.stream(type.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isBridge() && isApi(m.getModifiers()))
                .map(m -> m.getName() + "\t" + executableLine(m, type, m)) // by name, then signature
                .sorted()
                .map(line -> line.substring(line.indexOf('\t') + 1))
                .forEach(lines::add);
        return lines;
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String fieldLine(Field field) {
        return (Modifier.toString(field.getModifiers() & FIELD_MODIFIERS) + " "
                + name(field.getGenericType()) + " " + field.getName()).strip();
    }

    private static String executableLine(Executable executable, Class<?> owner, Method method) {
        int modifiers = executable.getModifiers() & EXECUTABLE_MODIFIERS;
        if (owner.isInterface()) {
            modifiers &= ~Modifier.ABSTRACT; // implied, unless default or static
        }
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers));
        if (method != null && method.isDefault()) {
            line.append(" default");
        }
        String typeParameters = typeParameters(executable.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            line.append(' ').append(typeParameters);
        }
        if (method != null) {
            line.append(' ').append(name(method.getGenericReturnType())).append(' ').append(method.getName());
        } else {
            line.append(' ').append(owner.getSimpleName());
        }
        Type[] parameters = executable.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String name = name(parameters[i]);
            if (executable.isVarArgs() && i == parameters.length - 1 && name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            names.add(name);
        }
        line.append('(').append(String.join(", ", names)).append(')');
        Type[] exceptions = executable.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            line.append(" throws ").append(Arrays.stream(exceptions).map(ApiListing::name)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return line.toString().strip();
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (TypeVariable<?> variable : variables) {
            Type[] bounds = variable.getBounds();
            if (bounds.length == 1 && bounds[0] == Object.class) {
                parts.add(variable.getName());
            } else {
                parts.add(variable.getName() + " extends "
                        + Arrays.stream(bounds).map(ApiListing::name).collect(Collectors.joining(" & ")));
            }
        }
        return "<" + String.join(", ", parts) + ">";
    }

    private static String typeName(Class<?> type) {
        return type.getName().replace('$', '.');
    }

    private static String name(Type type) {
        return JAVA_LANG.matcher(type.getTypeName().replace('$', '.')).replaceAll("");
    }

    /** The lines only in {@code committed} ({@code -}) and only in {@code actual} ({@code +}), under their type lines. */
    static String diff(String committed, String actual) {
        Set<String> before = qualifiedLines(committed);
        Set<String> after = qualifiedLines(actual);
        TreeMap<String, List<String>> changes = new TreeMap<>();
        for (String line : before) {
            if (!after.contains(line)) {
                addChange(changes, line, "- ");
            }
        }
        for (String line : after) {
            if (!before.contains(line)) {
                addChange(changes, line, "+ ");
            }
        }
        StringBuilder out = new StringBuilder();
        changes.forEach((owner, lines) -> {
            out.append("  ").append(owner).append('\n');
            lines.forEach(l -> out.append("  ").append(l).append('\n'));
        });
        return out.toString();
    }

    private static void addChange(TreeMap<String, List<String>> changes, String qualified, String sign) {
        int tab = qualified.indexOf('\t');
        changes.computeIfAbsent(qualified.substring(0, tab), k -> new ArrayList<>())
                .add(sign + qualified.substring(tab + 1));
    }

    /** Every type and member line of a listing, prefixed by the name of its type and a tab. */
    private static Set<String> qualifiedLines(String listing) {
        Set<String> lines = new LinkedHashSet<>();
        String owner = "";
        for (String line : listing.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("package ")) {
                continue;
            }
            if (!line.startsWith("  ")) {
                Matcher type = TYPE_NAME.matcher(line);
                owner = type.find() ? type.group(1) : line;
            }
            lines.add(owner + "\t" + line.strip());
        }
        return lines;
    }
}
