package dev.sotto.engine.sansio;

import java.util.ArrayList;
import java.util.List;

/** The ordered outputs of one step of a state machine. */
public record Outputs(List<Output> list) {

    public static final Outputs NONE = new Outputs(List.of());

    public Outputs {
        list = List.copyOf(list);
    }

    public Outputs plus(Outputs more) {
        if (more.list.isEmpty()) {
            return this;
        }
        List<Output> all = new ArrayList<>(list);
        all.addAll(more.list);
        return new Outputs(all);
    }

    /** Collects outputs in order. */
    public static final class Builder {
        private final List<Output> list = new ArrayList<>();

        public Builder send(byte[] bytes) {
            list.add(new Output.Send(bytes));
            return this;
        }

        public Builder emit(Object event) {
            list.add(new Output.Emit(event));
            return this;
        }

        public Builder add(Output o) {
            list.add(o);
            return this;
        }

        public Builder addAll(Outputs o) {
            list.addAll(o.list());
            return this;
        }

        public Outputs build() {
            return list.isEmpty() ? NONE : new Outputs(list);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
