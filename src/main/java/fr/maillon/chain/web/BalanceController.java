package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.maillon.chain.BalanceService;
import fr.maillon.chain.ChainService;

/** Each stakeholder's balance, and the valuation of the resources. */
@Controller
class BalanceController {

    private final ChainService chains;
    private final BalanceService balances;

    BalanceController(ChainService chains, BalanceService balances) {
        this.chains = chains;
        this.balances = balances;
    }

    @GetMapping("/evaluations/{evaluationId}/balance")
    String balance(@PathVariable long evaluationId, Model model) {
        model.addAttribute("chain", chains.chain(evaluationId));
        model.addAttribute("balances", balances.balances(evaluationId));
        return "chain/balance";
    }

    @GetMapping("/evaluations/{evaluationId}/resources")
    String resources(@PathVariable long evaluationId, Model model) {
        model.addAttribute("chain", chains.chain(evaluationId));
        model.addAttribute("valuation", balances.valuation(evaluationId));
        return "chain/resources";
    }
}
