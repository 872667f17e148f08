package fr.maillon.web;

import java.time.Clock;
import java.util.Set;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Templates read time in the configured zone, not the machine's: {@code #temporals} formats an
 * instant, and an offset or zoned date-time read from the database, in that zone ({@link ZonedTemporals};
 * Thymeleaf's own uses the JVM's default zone, and keeps a date-time's own offset), and {@code #zone} gives the
 * zone itself, for the records that tell a day from an instant ({@code wave.lastDay(#zone)}).
 * Added after Thymeleaf's standard dialect, whose {@code #temporals} it replaces.
 */
final class ZonedTemporalsDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String TEMPORALS = "temporals";
    private static final String ZONE = "zone";

    private final Clock clock;

    ZonedTemporalsDialect(Clock clock) {
        super("maillon-time");
        this.clock = clock;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {

            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(TEMPORALS, ZONE);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return TEMPORALS.equals(expressionObjectName) ? new ZonedTemporals(context.getLocale(), clock.getZone())
                        : clock.getZone();
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
