package fr.maillon.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

import fr.maillon.importing.dhis2.DataValueSets;
import fr.maillon.web.RuleViolationException;

/**
 * Indicator values imported at once, as the API does: the file's format is told from its content;
 * a DHIS2 dataValueSet goes through the mapping named, a table through the columns its headers
 * name or the wide layout it shows. All or nothing, for the structure's editors only.
 */
@Service
public class ValueImports {

    private static final ImportJobs.Progress SILENT = new ImportJobs.Progress() {
        @Override
        public void total(int total) {
        }

        @Override
        public void done(int done) {
        }
    };

    private final ImportService imports;
    private final ValueImporter values;
    private final Dhis2Importer dhis2;
    private final MessageSource messages;

    ValueImports(ImportService imports, ValueImporter values, Dhis2Importer dhis2, MessageSource messages) {
        this.imports = imports;
        this.values = values;
        this.dhis2 = dhis2;
        this.messages = messages;
    }

    /**
     * Imports the file's values into the evaluation.
     * @throws ValuesImportRefusedException with every problem, when nothing was written
     */
    public ValuesImport importFile(long evaluationId, @Nullable String filename, byte[] content,
            @Nullable Long mappingId) {
        String name = filename == null || filename.isBlank() ? "fichier" : filename;
        FileFormat format = DataValueSets.format(content, name);
        String token;
        try {
            token = imports.upload(evaluationId, ImportKind.VALUES, null, name, content);
        }
        catch (RuleViolationException ex) {
            throw refused(name, format, List.of(fileProblem(name, ex)));
        }
        ImportFile file = imports.file(token);
        try {
            int imported;
            if (DataValueSets.isDhis2(format)) {
                if (mappingId == null) {
                    throw refused(name, format, List.of(new ImportProblem(0, "", message("import.dhis2.mappingRequired"))));
                }
                imported = dhis2.write(file, mappingId, SILENT).imported();
            }
            else {
                ValueImporter.Preview preview = values.preview(token);
                imported = values.write(evaluationId, preview.table(), preview.guess(), SILENT);
            }
            return new ValuesImport(format, imported, List.of());
        }
        catch (ImportRefusedException ex) {
            throw refused(name, format, ex.problems());
        }
        catch (RuleViolationException ex) {
            throw refused(name, format, List.of(fileProblem(name, ex)));
        }
        finally {
            imports.forget(file);
        }
    }

    private ImportProblem fileProblem(String name, RuleViolationException ex) {
        RuleViolationException.Violation violation = ex.violations().get(0);
        return new ImportProblem(0, "", messages.getMessage(violation.code(), violation.arguments(), violation.code(),
                LocaleContextHolder.getLocale()));
    }

    private static ValuesImportRefusedException refused(String name, FileFormat format, List<ImportProblem> problems) {
        return new ValuesImportRefusedException(name, format, problems);
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
