package fr.maillon.chain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ResourceValuation.KindTotal;
import fr.maillon.chain.ResourceValuation.ProviderTotal;
import fr.maillon.chain.ResourceValuation.ValuedResource;
import fr.maillon.chain.internal.BalanceRepository;
import fr.maillon.chain.internal.BalanceRepository.AmountRow;
import fr.maillon.chain.internal.BalanceRepository.EuroRow;
import fr.maillon.chain.internal.BalanceRepository.TotalRow;
import fr.maillon.chain.internal.BalanceRepository.ValuedRow;
import fr.maillon.organisation.OrganisationService;

/** Each stakeholder's balance of costs and benefits, and the valuation of the chain's resources. */
@Service
public class BalanceService {

    private final ChainService chains;
    private final OrganisationService organisations;
    private final BalanceRepository balances;

    BalanceService(ChainService chains, OrganisationService organisations, BalanceRepository balances) {
        this.chains = chains;
        this.organisations = organisations;
        this.balances = balances;
    }

    /** One balance per stakeholder, in the stakeholders' order, those without interactions included. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<StakeholderBalance> balances(long evaluationId) {
        return balances(chains.chain(evaluationId));
    }

    /**
     * One stakeholder's page: its identity card, its interactions and their balance, the resources it
     * provides. For whoever reads the evaluation (those it was shared with read it without its forms);
     * others get 404, as for a stakeholder of another evaluation.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public StakeholderPage stakeholderPage(long evaluationId, long stakeholderId) {
        ValueChain chain = chains.chain(evaluationId);
        Stakeholder stakeholder = chain.stakeholder(stakeholderId)
                .orElseThrow(() -> new ChainElementNotFoundException(stakeholderId));
        StakeholderBalance balance = balances(chain).stream()
                .filter(candidate -> candidate.stakeholder().id() == stakeholderId).findFirst().orElseThrow();
        return new StakeholderPage(chain, stakeholder, balance,
                chain.interactions().stream().filter(interaction -> interaction.stakeholderId() == stakeholderId)
                        .toList(),
                chain.elements(ElementKind.RESOURCE).stream().filter(resource -> resource.providerId() != null
                        && resource.providerId() == stakeholderId).toList(),
                chains.canEdit(chain.evaluation()));
    }

    /** The balances of a chain already read (for the actor map: the chain is read once). */
    List<StakeholderBalance> balances(ValueChain chain) {
        long evaluationId = chain.evaluation().id();
        long structureId = chain.evaluation().structureId();
        Map<Long, List<AmountRow>> amounts = balances.amounts(structureId, evaluationId).stream()
                .collect(Collectors.groupingBy(AmountRow::stakeholderId));
        Map<Long, EuroRow> euros = balances.euros(structureId, evaluationId).stream()
                .collect(Collectors.toMap(EuroRow::stakeholderId, Function.identity()));
        return chain.stakeholders().stream().map(stakeholder -> {
            List<Interaction> own = chain.interactions().stream()
                    .filter(interaction -> interaction.stakeholderId() == stakeholder.id()).toList();
            List<AmountRow> rows = amounts.getOrDefault(stakeholder.id(), List.of());
            EuroRow euro = euros.get(stakeholder.id());
            return new StakeholderBalance(stakeholder, own.size(),
                    own.stream().map(interaction -> interaction.cost() + " (" + activity(chain, interaction) + ")")
                            .toList(),
                    side(rows, "BRINGS"), euro == null ? BigDecimal.ZERO : euro.bringsEur(),
                    own.stream().map(interaction -> interaction.benefit() + " (" + activity(chain, interaction) + ")")
                            .toList(),
                    side(rows, "GETS"), euro == null ? BigDecimal.ZERO : euro.getsEur());
        }).toList();
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ResourceValuation valuation(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        long structureId = chain.evaluation().structureId();
        BigDecimal rate = organisations.structure(structureId).volunteerHourlyRate();
        Map<Long, ValuedRow> valued = balances.valuedResources(structureId, evaluationId, rate).stream()
                .collect(Collectors.toMap(ValuedRow::id, Function.identity()));
        List<ValuedResource> resources = chain.elements(ElementKind.RESOURCE).stream().map(resource -> {
            ValuedRow row = valued.get(resource.id());
            return new ValuedResource(resource, row.valueEur(), row.computed(), row.supportFraction());
        }).toList();
        List<TotalRow> totals = balances.totals(structureId, evaluationId, rate);
        TotalRow total = totals.stream().filter(row -> row.grouping().equals("TOTAL")).findFirst().orElse(null);
        return new ResourceValuation(rate, resources,
                totals.stream().filter(row -> row.grouping().equals("KIND"))
                        .map(row -> new KindTotal(ResourceKind.valueOf(row.resourceKind()), row.valueEur())).toList(),
                totals.stream().filter(row -> row.grouping().equals("PROVIDER"))
                        .map(row -> new ProviderTotal(row.providerId(), row.providerId() == null ? null
                                : chain.stakeholder(row.providerId()).map(Stakeholder::name).orElse(null),
                                row.valueEur()))
                        .toList(),
                total == null ? BigDecimal.ZERO : total.valueEur(),
                total == null ? BigDecimal.ZERO : total.supportEur());
    }

    private static List<Amount> side(List<AmountRow> rows, String side) {
        return rows.stream().filter(row -> row.side().equals(side))
                .map(row -> new Amount(row.quantity(), row.unit())).toList();
    }

    private static String activity(ValueChain chain, Interaction interaction) {
        return chain.element(interaction.activityId()).map(ChainElement::name).orElse("?");
    }
}
