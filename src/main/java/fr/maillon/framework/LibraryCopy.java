package fr.maillon.framework;

import java.util.List;

/** What a copy from a library did: the indicators added (with the formula inputs they need), those already there. */
public record LibraryCopy(List<String> added, List<String> alreadyThere) {
}
