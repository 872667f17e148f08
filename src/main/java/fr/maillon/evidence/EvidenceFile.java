package fr.maillon.evidence;

/** A file to send back, with the type it was checked to be. */
public record EvidenceFile(String fileName, String mediaType, byte[] content) {
}
