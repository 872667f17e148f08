package fr.maillon;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The heap options Maillon sets at start on a JVM left to its defaults, and never over an operator's choice. */
class HeapDefaultsTests {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void aJvmLeftToItsDefaultsGivesBackItsHeapWhenIdleAndAnOperatorsChoiceStays() {
        HeapDefaults.apply();
        assertThat(vm.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
        assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("20");
        assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("15000");

        vm.setVMOption("G1PeriodicGCInterval", "60000");
        HeapDefaults.apply();
        assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).as("chosen otherwise, kept").isEqualTo("60000");
        vm.setVMOption("G1PeriodicGCInterval", "15000");
    }
}
