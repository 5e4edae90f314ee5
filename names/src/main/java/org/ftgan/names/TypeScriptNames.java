package org.ftgan.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the names of this module as TypeScript constants for the dashboard: {@code web}'s build runs
 * {@code main} with the file to write ({@code web/src/generated/names.ts}, not committed) before it
 * type-checks and bundles, so the dashboard and the Java side cannot disagree on a name.
 */
public final class TypeScriptNames {
    private TypeScriptNames() {
    }

    /** The file's text. */
    public static String source() {
        String text = "// Generated at build time from the ftgan-names module (org.ftgan.names.TypeScriptNames): do not edit.\n\n"
                + "/** Loss-term names, in the trainer's order (its CSV header). */\n"
                + constant("LOSS_TERMS", LossTermNames.NAMES)
                + "/** Keys of LOSS_TERMS (curve fields, curve-term metrics), in the same order. */\n"
                + constant("LOSS_TERM_KEYS", LossTermNames.KEYS)
                + "/** Keys of the generator's loss terms; the other LOSS_TERM_KEYS are the discriminator's. */\n"
                + constant("GENERATOR_LOSS_TERM_KEYS", LossTermNames.GENERATOR.stream().map(LossTermNames::key).toList())
                + "/** MODEL.md's evaluation figures, in its order. */\n"
                + constant("FIGURES", FigureNames.NAMES)
                + "/** Keys of FIGURES (results' metrics, the API's figure fields), in the same order. */\n"
                + constant("FIGURE_KEYS", FigureNames.KEYS)
                + "export type FigureKey = (typeof FIGURE_KEYS)[number];\n\n"
                + "/** FaceTuneGAN as results name the method. */\n"
                + "export const FACETUNEGAN = " + quote(FigureNames.FACETUNEGAN) + ";\n\n"
                + "/** The blendshape-transfer baseline: a method of results, and its E_transfer as a figure beside ours. */\n"
                + "export const BLENDSHAPE = " + quote(FigureNames.BLENDSHAPE) + ";\n\n"
                + statuses("RUN", "RunStatus", "A run's", RunStatus.values())
                + statuses("EXPERIMENT", "ExperimentStatus", "An experiment's", ExperimentStatus.values());
        return text.stripTrailing() + "\n";
    }

    /**
     * The statuses of one kind in declaration order, their union type, and the active ones (not
     * terminal, {@link Status#isActive()}) and terminal ones, so that the dashboard never lists them itself.
     */
    private static String statuses(String prefix, String type, String whose, Status[] values) {
        List<Status> all = List.of(values);
        return "/** " + whose + " statuses, in their lifecycle's order (org.ftgan.names." + type + "). */\n"
                + constant(prefix + "_STATUSES", names(all))
                + "export type " + type + " = (typeof " + prefix + "_STATUSES)[number];\n\n"
                + "/** " + whose + " statuses that may still change (" + type + ".isActive()), in the same order. */\n"
                + "export const ACTIVE_" + prefix + "_STATUSES: readonly " + type + "[] = ["
                + quoted(names(all.stream().filter(Status::isActive).toList())) + "];\n\n"
                + "/** " + whose + " final statuses (" + type + ".isTerminal()), in the same order. */\n"
                + "export const TERMINAL_" + prefix + "_STATUSES: readonly " + type + "[] = ["
                + quoted(names(all.stream().filter(Status::isTerminal).toList())) + "];\n\n";
    }

    private static List<String> names(List<Status> statuses) {
        return statuses.stream().map(Status::dbName).toList();
    }

    private static String quoted(List<String> values) {
        return values.stream().map(TypeScriptNames::quote).collect(Collectors.joining(", "));
    }

    private static String constant(String name, List<String> values) {
        return "export const " + name + " = [" + quoted(values) + "] as const;\n\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Writes {@link #source()} to {@code args[0]} unless it holds that already (so watchers see no change). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TypeScriptNames OUTPUT.ts");
        }
        Path out = Path.of(args[0]);
        String text = source();
        if (Files.isRegularFile(out) && Files.readString(out, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
