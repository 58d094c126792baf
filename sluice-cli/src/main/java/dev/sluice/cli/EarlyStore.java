package dev.sluice.cli;

import dev.sluice.core.Background;
import dev.sluice.store.SluiceStore;
import java.util.Set;

/**
 * The store of a command that will surely open it, opened on a second thread while picocli builds and parses the
 * command line on the main one: the two were a quarter and two fifths of a short command's start
 * ({@code connection test}, {@code connection list}), one after the other. Only for the commands that open the store
 * first thing, only for the store the configuration and {@code SLUICE_HOME} name (not with {@code --store-url} or a
 * flow's {@code --home}), and not when help or the version is asked for. The command's {@link Engine} (a flow
 * command's own set-up) claims the store; a failure of the open comes out there, as if the command had opened it
 * itself; a store no command claimed (the arguments were wrong) is closed when the process ends. Thread-safe.
 */
final class EarlyStore {
    /** The top-level commands that open the default store whatever their subcommand. */
    private static final Set<String> OPENING = Set.of("connection", "auth", "tables", "describe", "query", "get",
            "create", "update", "upsert", "delete", "export", "import", "flow");
    /** Of those, the groups: alone they print their usage, so only with a subcommand. */
    private static final Set<String> GROUPS = Set.of("connection", "auth", "flow");
    private static final Set<String> NOT_RUNNING = Set.of("-h", "--help", "-V", "--version", "help");

    private static CliEnvironment environment;
    private static Background<SluiceStore> opening;

    private EarlyStore() {}

    /** Starts opening the store when {@code args} name a command that opens it; else does nothing. */
    static void start(CliEnvironment env, String[] args) {
        if (!opens(args)) {
            return;
        }
        synchronized (EarlyStore.class) {
            if (opening != null) {
                return;
            }
            environment = env;
            opening = Background.start("sluice-store-open", () ->
                    Engine.openStore(env, null, SluiceConfig.load(env.variables(), env.home())));
        }
    }

    /** Whether {@code args} run a command that opens the default store at once. */
    static boolean opens(String[] args) {
        String named = CommandTree.named(args);
        if (named == null || !OPENING.contains(named)) {
            return false;
        }
        boolean subcommand = false;
        boolean afterNamed = false;
        for (String a : args) {
            if (NOT_RUNNING.contains(a) || a.equals("--store-url") || a.startsWith("--store-url=") || a.equals("--home")
                    || a.startsWith("--home=")) {
                return false;
            }
            subcommand |= afterNamed && !a.startsWith("-");
            afterNamed |= a.equals(named);
        }
        return subcommand || !GROUPS.contains(named);
    }

    /**
     * The store opened early for {@code env}, waiting for its open to end; null when none was started, it is not
     * the store asked for (a {@code --store-url}) or it was claimed already. A failed open throws what it threw.
     */
    static SluiceStore claim(CliEnvironment env, String storeUrl) {
        Background<SluiceStore> task;
        synchronized (EarlyStore.class) {
            if (opening == null || environment != env || storeUrl != null) {
                return null;
            }
            task = opening;
            opening = null;
            environment = null;
        }
        return task.join();
    }

    /** Closes the store opened early if no command claimed it, once its open has ended. */
    static void closeUnclaimed() {
        Background<SluiceStore> task;
        synchronized (EarlyStore.class) {
            task = opening;
            opening = null;
            environment = null;
        }
        if (task != null) {
            try {
                task.join().close();
            } catch (RuntimeException e) {
                // nobody asked for this store: its failure to open is nobody's error
            }
        }
    }
}
