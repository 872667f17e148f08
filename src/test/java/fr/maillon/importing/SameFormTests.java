package fr.maillon.importing;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.maillon.TestFiles;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.FormDefinition.Field;
import fr.maillon.survey.FormDefinition.Group;
import fr.maillon.survey.FormDefinition.Item;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: the same form given as an XLSForm and as the XForm pyxform compiled from it (both from
 * pyxform's own test data) gives the same questionnaire: groups, questions, kinds, labels, choices,
 * requirements, conditions and checks.
 */
class SameFormTests {

    @ParameterizedTest
    // (pyxform's or_other.xml is left out: pyxform adds "other" to the list that two questions share,
    // so its XForm really offers "Other" to both, where the XLSForm offers it to one)
    @ValueSource(strings = { "xlsform_spec_test", "attribute_columns_test" })
    void anXlsFormAndItsCompiledXFormGiveTheSameQuestionnaire(String name) throws Exception {
        byte[] xlsx = Files.readAllBytes(TestFiles.FIXTURES.resolve("pairs/" + name + ".xlsx"));
        byte[] xml = Files.readAllBytes(TestFiles.FIXTURES.resolve("pairs/" + name + ".xml"));
        FormRead fromXlsForm = FormReaders.read(xlsx, name + ".xlsx", "english");
        FormRead fromXForm = FormReaders.read(xml, name + ".xml", "english");
        assertThat(fromXForm.format()).isEqualTo(FileFormat.XFORM);
        assertThat(outline(fromXForm.form().items(), "")).isNotEmpty()
                .isEqualTo(outline(fromXlsForm.form().items(), ""));
    }

    /** Each item on a line: groups with their condition, questions with all that makes them ask the same. */
    private static List<String> outline(List<Item> items, String indent) {
        List<String> lines = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof Group group) {
                lines.add(indent + "group " + group.name() + " « " + group.title() + " » if " + spaced(group.relevant())
                        + (group.matrix() ? " matrix" : ""));
                lines.addAll(outline(group.items(), indent + "  "));
            }
            else {
                Field field = (Field) item;
                lines.add(indent + field.name() + " " + field.kind() + " « " + field.label() + " » required="
                        + field.required() + " if " + spaced(field.relevant()) + " check " + spaced(field.constraint()) + " « "
                        + field.constraintMessage() + " » other=" + field.orOther() + " choices="
                        + field.choices().stream().map(choice -> choice.code() + ":" + choice.label()).toList());
            }
        }
        return lines;
    }

    /** An expression as compared: a function's name and its parenthesis may be apart in one of the files. */
    private static String spaced(String expression) {
        return expression == null ? null : expression.replaceAll("\\s+\\(", "(");
    }
}
