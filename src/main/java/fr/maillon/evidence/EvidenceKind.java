package fr.maillon.evidence;

/** A testimony or a quote is a text; a photo or a document is a file, with an optional text. */
public enum EvidenceKind {
    TESTIMONY, QUOTE, PHOTO, DOCUMENT;

    public boolean file() {
        return this == PHOTO || this == DOCUMENT;
    }
}
