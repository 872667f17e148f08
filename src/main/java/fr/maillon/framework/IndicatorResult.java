package fr.maillon.framework;

import java.util.List;

public record IndicatorResult(String code, List<PeriodResult> periods) {
}
