package fr.maillon.chain;

/** What a resource is: human time (staff or volunteers), money, material or premises, knowledge, relations. */
public enum ResourceKind {
    STAFF_TIME, VOLUNTEER_TIME, FINANCIAL, MATERIAL, KNOWLEDGE, RELATIONAL
}
