package fr.maillon.framework;

/** A formula that cannot be read, names an unknown indicator, or depends on itself. */
public class InvalidFormulaException extends RuntimeException {

    private final String code;
    private final String detail;

    public InvalidFormulaException(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
        this.detail = detail;
    }

    /** The message code: {@code framework.formula.syntax}, {@code .unknown} or {@code .cycle}. */
    public String code() {
        return code;
    }

    /** What is at fault: the position and token, the unknown codes, or the cycle as "a → b → a". */
    public String detail() {
        return detail;
    }
}
