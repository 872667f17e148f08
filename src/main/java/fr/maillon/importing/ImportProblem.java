package fr.maillon.importing;

/** What is wrong in a file, at its line (0: the file as a whole) and column (its header, or ""). */
public record ImportProblem(int line, String column, String message) {
}
