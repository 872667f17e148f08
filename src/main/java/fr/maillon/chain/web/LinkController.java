package fr.maillon.chain.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.Link;
import fr.maillon.chain.LinkAdvice;
import fr.maillon.chain.LinkRefusedException;
import fr.maillon.chain.ValueChain;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Links between elements, with the hypothesis each states. */
@Controller
class LinkController {

    private final ChainService chains;
    private final MessageSource messages;

    LinkController(ChainService chains, MessageSource messages) {
        this.chains = chains;
        this.messages = messages;
    }

    @GetMapping("/evaluations/{evaluationId}/links/new")
    String newLinkForm(@PathVariable long evaluationId, @RequestParam(required = false) Long sourceId, Model model) {
        model.addAttribute("linkForm", LinkForm.from(sourceId));
        return linkPage(chains.editableChain(evaluationId), null, model);
    }

    @PostMapping("/evaluations/{evaluationId}/links/new")
    String createLink(@PathVariable long evaluationId, @ModelAttribute("linkForm") LinkForm form,
            BindingResult result, Model model, RedirectAttributes redirect, Locale locale) {
        ValueChain chain = chains.editableChain(evaluationId);
        if (!result.hasErrors()) {
            try {
                chains.addLink(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.link.created");
                return "redirect:/evaluations/" + evaluationId + "#links";
            }
            catch (LinkRefusedException ex) {
                FormErrors.reject(result, ex);
                LinkAdvice advice = ex.advice();
                model.addAttribute("advice", advice);
                if (advice.outputOffer()) {
                    model.addAttribute("outputOfferForm", new OutputOfferForm(advice.sourceId(), advice.targetId(),
                            cut(messages.getMessage("chain.link.offer.outputName", new Object[] { advice.targetName() },
                                    locale), 200),
                            cut(messages.getMessage("chain.link.offer.rationale",
                                    new Object[] { advice.sourceName(), advice.targetName() }, locale), 1000)));
                }
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return linkPage(chain, null, model);
    }

    /** A proposed text within its field's limit, so that the one-click offer is never refused for its length. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }

    /** The offer made when two primary activities were to be linked: an output of the source, linked from it. */
    @PostMapping("/evaluations/{evaluationId}/links/new/output")
    String createOutput(@PathVariable long evaluationId, @ModelAttribute("outputOfferForm") OutputOfferForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        if (!result.hasErrors()) {
            try {
                long output = chains.addOutputFor(evaluationId, form.sourceId() == null ? 0 : form.sourceId(),
                        form.name(), form.rationale());
                redirect.addFlashAttribute("flash", "chain.link.offer.created");
                return "redirect:/evaluations/" + evaluationId + "#element-" + output;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        model.addAttribute("linkForm", new LinkForm(form.sourceId(), form.targetId(), form.rationale(), null, "", "",
                null));
        model.addAttribute("offerRefused", true);
        return linkPage(chain, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}/links/{linkId}/edit")
    String editLinkForm(@PathVariable long evaluationId, @PathVariable long linkId, Model model) {
        ValueChain chain = chains.editableChain(evaluationId);
        Link link = chain.link(linkId);
        model.addAttribute("linkForm", LinkForm.of(link));
        return linkPage(chain, link, model);
    }

    @PostMapping("/evaluations/{evaluationId}/links/{linkId}/edit")
    String updateLink(@PathVariable long evaluationId, @PathVariable long linkId,
            @ModelAttribute("linkForm") LinkForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        Link link = chain.link(linkId);
        if (!result.hasErrors()) {
            try {
                chains.updateLink(evaluationId, linkId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "chain.link.saved");
                return "redirect:/evaluations/" + evaluationId + "#link-" + linkId;
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, LinkForm.of(ex.stored(Link.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return linkPage(chain, link, model);
    }

    @PostMapping("/evaluations/{evaluationId}/links/{linkId}/delete")
    String deleteLink(@PathVariable long evaluationId, @PathVariable long linkId, RedirectAttributes redirect) {
        chains.deleteLink(evaluationId, linkId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "#links";
    }

    private static String linkPage(ValueChain chain, @Nullable Link link, Model model) {
        model.addAttribute("chain", chain);
        model.addAttribute("link", link);
        model.addAttribute("statuses", HypothesisStatus.values());
        return "chain/link-form";
    }
}
