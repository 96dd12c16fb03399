package io.github.atomiccounters.docs;

import io.github.atomiccounters.docs.ShellParser.Lit;
import io.github.atomiccounters.docs.ShellParser.Part;
import io.github.atomiccounters.docs.ShellParser.Var;
import io.github.atomiccounters.docs.ShellParser.Word;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of one doc file (shared by its blocks, in order) and bash's expansion of words for the simple
 * cases the docs use: {@code $NAME} and {@code ${NAME}} (an array's first element), {@code "${NAME[@]}"} (one word
 * per element), {@code ${NAME[*]}} (the elements joined by a blank). Unquoted expansions are split on blanks, as
 * bash splits them; quoted ones are not. A word with no quoted part that expands to nothing is no word.
 *
 * <p>A variable that was never assigned is an error for commands the test runs ({@link Expansion#undefined()}
 * lists them); for commands that are only parsed it stays as written ({@code $NAME}), since those commands
 * read the reader's own environment ({@code $AWS_REGION}, ...).
 */
final class Variables {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    /**
     * Why a variable has no usable value: its assignment was refused, or used a variable that is not set. A use in a
     * command the test runs is then an error saying so.
     */
    private final Map<String, String> unusable = new LinkedHashMap<>();

    /** The words after expansion, and the variables used but never assigned. */
    record Expansion(List<String> words, Set<String> undefined) {
    }

    void set(String name, String value) {
        values.put(name, List.of(value));
        unusable.remove(name);
    }

    void setArray(String name, List<String> elements) {
        values.put(name, List.copyOf(elements));
        unusable.remove(name);
    }

    /** The variable keeps {@code value} as written (for parsed-only commands) but is unusable where commands run. */
    void setUnusable(String name, List<String> value, String why) {
        values.put(name, List.copyOf(value));
        unusable.put(name, why);
    }

    /** Where the file assigns variables (every assignment, whether reached yet or not), for messages. */
    private final Map<String, Integer> assignedAt = new LinkedHashMap<>();

    /** Records that the file assigns {@code name} at {@code line} (read ahead, so a message can point there). */
    void assignedAt(String name, int line) {
        assignedAt.putIfAbsent(name, line);
    }

    /** Why {@code name} has no usable value, for a message. */
    String whyUndefined(String name) {
        String why = unusable.get(name);
        if (why != null) {
            return "$" + name + " is not usable: " + why;
        }
        Integer line = assignedAt.get(name);
        return "$" + name + (line != null ? " is not set yet: this file sets it only later, at line " + line
                : " is not set in this file");
    }

    /** An assignment's value: the word expanded without splitting. */
    Expansion value(Word word) {
        StringBuilder out = new StringBuilder();
        Set<String> undefined = new LinkedHashSet<>();
        for (Part part : word.parts()) {
            if (part instanceof Lit lit) {
                out.append(lit.text());
            } else {
                Var v = (Var) part;
                List<String> value = lookup(v, undefined);
                out.append(v.all() || v.star() ? String.join(" ", value) : value.isEmpty() ? "" : value.get(0));
            }
        }
        return new Expansion(List.of(out.toString()), undefined);
    }

    /** Words expanded into the arguments a command receives. */
    Expansion expand(List<Word> words) {
        List<String> out = new ArrayList<>();
        Set<String> undefined = new LinkedHashSet<>();
        for (Word word : words) {
            expandWord(word, out, undefined);
        }
        return new Expansion(out, undefined);
    }

    private void expandWord(Word word, List<String> out, Set<String> undefined) {
        StringBuilder field = new StringBuilder();
        boolean exists = false;  // the current field is a word even if empty (it has a quoted part)
        for (Part part : word.parts()) {
            if (part instanceof Lit lit) {
                field.append(lit.text());
                exists |= lit.quoted() || !lit.text().isEmpty();
                continue;
            }
            Var v = (Var) part;
            List<String> value = lookup(v, undefined);
            if (v.quoted()) {
                if (v.all()) {
                    for (int i = 0; i < value.size(); i++) {
                        if (i > 0) {
                            out.add(field.toString());
                            field.setLength(0);
                        }
                        field.append(value.get(i));
                        exists = true;
                    }
                } else {
                    field.append(v.star() ? String.join(" ", value) : value.isEmpty() ? "" : value.get(0));
                    exists = true;
                }
                continue;
            }
            List<String> elements = v.all() || v.star() ? value : value.isEmpty() ? List.of() : List.of(value.get(0));
            for (int e = 0; e < elements.size(); e++) {
                String element = elements.get(e);
                // unquoted: split on blanks; a blank at either end ends the field before/after it
                String[] pieces = element.split("[ \\t\\n]+", -1);
                for (int i = 0; i < pieces.length; i++) {
                    if (i > 0) {
                        if (exists || field.length() > 0) {
                            out.add(field.toString());
                        }
                        field.setLength(0);
                        exists = false;
                    }
                    field.append(pieces[i]);
                    exists |= !pieces[i].isEmpty();
                }
                if (e < elements.size() - 1) {
                    if (exists || field.length() > 0) {
                        out.add(field.toString());
                    }
                    field.setLength(0);
                    exists = false;
                }
            }
        }
        if (exists || field.length() > 0) {
            out.add(field.toString());
        }
    }

    private List<String> lookup(Var v, Set<String> undefined) {
        List<String> value = values.get(v.name());
        if (unusable.containsKey(v.name())) {
            undefined.add(v.name());
        }
        if (value == null) {
            undefined.add(v.name());
            return List.of("$" + v.name());  // kept as written; an error where the command runs
        }
        return value;
    }
}
