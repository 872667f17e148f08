package fr.maillon.importing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import fr.maillon.survey.FormDefinition;

class FormReadersProbe {
    @Test
    void probe() throws Exception {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages"); m.setDefaultEncoding("UTF-8"); m.setFallbackToSystemLocale(false);
        Path f = Path.of("src/test/resources/fixtures");
        for (String x : new String[] {"odk/1-static-selects.xml","odk/08-complex-repeats.xml","odk/eIMCI-by-D-Tree.xml","odk/sms_form.xml","odk/constraint-message-error.xml","pairs/or_other.xml","pairs/xlsform_spec_test.xml","pairs/attribute_columns_test.xml"}) {
            show(x, new XFormReader(m).read(Files.readAllBytes(f.resolve(x)), null));
        }
        for (String x : new String[] {"kobo/customer_satisfaction_v1.json","kobo/grouped_repeatable_v1.json","kobo/restaurant_profile_v4.json","kobo/site_inspection_v5.json","kobo/long_unicode_labels_v1.json","kobo/grouped_translated_v1.json","kobo/or_other_v1.json"}) {
            show(x, new KoboFormReader(m).read(Files.readAllBytes(f.resolve(x)), null));
        }
        for (String x : new String[] {"limesurvey/ls5_sample_survey_multilingual_fr_de_en_it.lss","limesurvey/ls205_group_relevance.lss","limesurvey/ls205_em_validation_q.lss"}) {
            show(x, new LimeSurveyReader(m).read(Files.readAllBytes(f.resolve(x)), null));
        }
    }
    static void show(String x, FormRead r) {
        System.out.println("=== " + x + " " + r.format() + " " + r.languages() + " title=" + r.form().title() + " fields=" + r.form().fields().size());
        print(r.form().items(), "  ");
        r.notKept().forEach(p -> System.out.println("  NK " + p));
    }
    static void print(java.util.List<FormDefinition.Item> items, String indent) {
        for (FormDefinition.Item i : items) {
            if (i instanceof FormDefinition.Group g) { System.out.println(indent + "G " + g.name() + " «" + g.title() + "» en=" + g.titleEn() + " rel=" + g.relevant() + " matrix=" + g.matrix()); print(g.items(), indent + "  "); }
            else { FormDefinition.Field q = (FormDefinition.Field) i; System.out.println(indent + "Q " + q.name() + " " + q.kind() + " «" + cut(q.label()) + "» en=" + cut(q.labelEn()) + " req=" + q.required() + " rel=" + q.relevant() + " con=" + q.constraint() + " msg=" + q.constraintMessage() + " ch=" + q.choices().size() + (q.choices().isEmpty()?"":q.choices().get(0)) + " other=" + q.orOther() + " min=" + q.minimum() + " max=" + q.maximum()); }
        }
    }
    static String cut(String s) { return s == null ? null : s.length() > 40 ? s.substring(0, 40) : s; }
}
