package dev.sluice.server.internal;

import dev.sluice.core.SluiceException;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.StoreConnections;
import dev.sluice.server.internal.FlowService.Validation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates flows against the server's connections and remembers each flow's last outcome. Thread-safe. */
final class FlowChecks {
    private record Checked(String yaml, Validation validation) {}

    private final FlowValidator validator;
    private final Map<String, Checked> validations = new ConcurrentHashMap<>();

    FlowChecks(Services services) {
        this.validator = new FlowValidator(new StoreConnections(services.credentials()));
    }

    /** Parses and validates; remembers the outcome for the list. The caller closes the checked flow. */
    CheckedFlow check(ServerFlow f) {
        try {
            CheckedFlow c = validator.check(f.parse());
            validations.put(f.name(), new Checked(f.yaml(), new Validation(true, List.of())));
            return c;
        } catch (FlowException e) {
            validations.put(f.name(), new Checked(f.yaml(), new Validation(false, e.problems())));
            throw e;
        } catch (SluiceException e) {
            FlowProblem p = new FlowProblem(f.file(), null, e.getMessage(), null);
            validations.put(f.name(), new Checked(f.yaml(), new Validation(false, List.of(p))));
            throw new FlowException(List.of(p));
        }
    }

    /** The flow's validation: the remembered one for the same file unless {@code fresh}, else checked now. */
    Validation validation(ServerFlow f, boolean fresh) {
        Checked known = validations.get(f.name());
        if (!fresh && known != null && known.yaml().equals(f.yaml())) {
            return known.validation();
        }
        try {
            check(f).close();
        } catch (FlowException e) {
            // remembered by check
        }
        return validations.get(f.name()).validation();
    }
}
