package fr.maillon;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * A small server's heap without a flag to add: the JVM, left to its defaults on a large machine,
 * keeps every page of heap it has once used (a quarter of the machine's memory at most). Maillon
 * sets, at start and unless the operator chose them, the three options a running JVM lets it
 * change: after 15 s without a collection, a concurrent one runs (G1), and every collection that
 * may resize the heap gives back what exceeds 20 % of free room.
 */
final class HeapDefaults {

    private HeapDefaults() {
    }

    static void apply() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return;
            }
            // the minimum first: the JVM refuses a maximum below the minimum in force
            setIfDefault(vm, "MinHeapFreeRatio", "10");
            setIfDefault(vm, "MaxHeapFreeRatio", "20");
            setIfDefault(vm, "G1PeriodicGCInterval", "15000");
        }
        catch (RuntimeException | LinkageError ex) {
            // a runtime without jdk.management, or another JVM: its own defaults stay
        }
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean vm, String option, String value) {
        try {
            if (vm.getVMOption(option).getOrigin() == VMOption.Origin.DEFAULT) {
                vm.setVMOption(option, value);
            }
        }
        catch (IllegalArgumentException ex) {
            // not an option of this JVM, or not one it lets change: its own default stays
        }
    }
}
