package dev.fosc.benchmarks.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one client in one run, as named values in report order (numbers, or strings for labels). A
 * missing figure is NaN and shows as null.
 */
final class Measurement {

    private final Map<String, Object> values = new LinkedHashMap<>();

    Measurement put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    double get(String key) {
        Object v = values.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    Map<String, Object> asMap() {
        return values;
    }

    /** The median of each numeric figure over {@code runs} (labels from the first); NaNs are left out. */
    static Measurement median(List<Measurement> runs) {
        Measurement m = new Measurement();
        for (Map.Entry<String, Object> e : runs.get(0).values.entrySet()) {
            if (!(e.getValue() instanceof Number)) {
                m.put(e.getKey(), e.getValue());
                continue;
            }
            List<Double> xs = new ArrayList<>();
            for (Measurement r : runs) {
                double x = r.get(e.getKey());
                if (!Double.isNaN(x)) {
                    xs.add(x);
                }
            }
            m.put(e.getKey(), median(xs.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return m;
    }

    static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        List<Double> l = new ArrayList<>();
        for (double x : xs) {
            l.add(x);
        }
        Collections.sort(l);
        int n = l.size();
        return n % 2 == 1 ? l.get(n / 2) : (l.get(n / 2 - 1) + l.get(n / 2)) / 2;
    }
}
