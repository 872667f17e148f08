package fr.maillon.bench;

import java.util.Arrays;

/** How the benchmarks time a piece of work: warmed up, then run several times. */
final class Timing {

    private Timing() {
    }

    /** Median and worst in milliseconds, after a warm-up. */
    static double[] time(int warmUp, int runs, Runnable work) {
        for (int i = 0; i < warmUp; i++) {
            work.run();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(times);
        return new double[] { times[runs / 2], times[runs - 1] };
    }
}
