package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import java.util.SplittableRandom;

/** Where a random sweep point draws one key's value from (sweep.random.space). */
public sealed interface RandomRange {

    /** One value, as the config holds it. */
    JsonNode draw(SplittableRandom random);

    /** Uniform in [low, high). */
    record Uniform(double low, double high) implements RandomRange {
        @Override
        public JsonNode draw(SplittableRandom random) {
            return DoubleNode.valueOf(low + (high - low) * random.nextDouble());
        }
    }

    /** Log-uniform in [low, high), low > 0: the exponent is uniform, so each decade is equally likely. */
    record LogUniform(double low, double high) implements RandomRange {
        @Override
        public JsonNode draw(SplittableRandom random) {
            double a = Math.log(low);
            double b = Math.log(high);
            return DoubleNode.valueOf(Math.exp(a + (b - a) * random.nextDouble()));
        }
    }

    /** An integer uniform in [low, high], both ends included (but Long.MAX_VALUE). */
    record IntUniform(long low, long high) implements RandomRange {
        @Override
        public JsonNode draw(SplittableRandom random) {
            if (low == high) {
                return LongNode.valueOf(low);
            }
            // high + 1 would overflow: the top value is then left out (a seed range, where one value does not matter)
            return LongNode.valueOf(random.nextLong(low, high == Long.MAX_VALUE ? high : high + 1));
        }
    }

    /** One of the listed values, each equally likely. */
    record Choice(List<JsonNode> values) implements RandomRange {
        public Choice {
            values = values.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        }

        @Override
        public JsonNode draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size())).deepCopy();
        }
    }
}
