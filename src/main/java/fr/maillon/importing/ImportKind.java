package fr.maillon.importing;

/** What a file is imported as. */
public enum ImportKind {
    VALUES, ANSWERS, XLSFORM
}
