package org.ftgan.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything {@link Adam} carries from one step to the next, for checkpoints: the number of steps
 * taken and, per parameter name, the first and second moment estimates (arrays of the parameter's
 * shape and type). Maps are sorted by name so that anything written from them has a fixed order.
 */
public record AdamState(long step, SortedMap<String, INDArray> firstMoments, SortedMap<String, INDArray> secondMoments) {
    public AdamState {
        if (step < 0) {
            throw new IllegalArgumentException("Adam state: step count " + step + " is negative");
        }
        if (firstMoments == null || secondMoments == null) {
            throw new IllegalArgumentException("Adam state: moment maps must not be null");
        }
        if (!firstMoments.keySet().equals(secondMoments.keySet())) {
            throw new IllegalArgumentException("Adam state: first moments are for " + firstMoments.keySet()
                    + " but second moments for " + secondMoments.keySet());
        }
        for (Map.Entry<String, INDArray> e : firstMoments.entrySet()) {
            INDArray second = secondMoments.get(e.getKey());
            if (e.getValue() == null || second == null || !Arrays.equals(e.getValue().shape(), second.shape())) {
                throw new IllegalArgumentException("Adam state: moments of '" + e.getKey() + "' are missing or differ in shape");
            }
        }
        firstMoments = Collections.unmodifiableSortedMap(new TreeMap<>(firstMoments));
        secondMoments = Collections.unmodifiableSortedMap(new TreeMap<>(secondMoments));
    }
}
