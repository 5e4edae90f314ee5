package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The known key nearest to a mistyped one (Levenshtein distance), for "did you mean" hints. */
final class ClosestKey {
    private ClosestKey() {
    }

    /** The closest of {@code known} (ties: alphabetically first), if close enough to be a plausible typo. */
    static Optional<String> of(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known.stream().sorted().toList()) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // beyond about half the word, the "suggestion" is just another key
        int allowed = Math.max(2, typed.length() / 2);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "unknown key, did you mean "x"?" or the list of known keys when none is close. */
    static String unknownKeyMessage(String typed, Collection<String> known) {
        return of(typed, known)
                .map(k -> "unknown key, did you mean \"" + k + "\"?")
                .orElseGet(() -> "unknown key, expected one of " + String.join(", ", known.stream().sorted().toList()));
    }

    /** Adds an "unknown key" problem for each key of {@code n} not in {@code known}. */
    static void reportUnknown(JsonNode n, String path, Set<String> known, List<Problem> problems) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k) && !(path.isEmpty() && (k.equals("data") || k.equals("output")))) {
                problems.add(new Problem(path.isEmpty() ? k : path + "." + k, unknownKeyMessage(k, known)));
            }
        });
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
