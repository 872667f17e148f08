package fr.maillon.organisation;

public enum TerritoryType {
    URBAN, RURAL
}
