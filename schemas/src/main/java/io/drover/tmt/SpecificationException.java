package io.drover.tmt;

import io.drover.fmf.FmfException;

/** A test or plan whose metadata breaks tmt's specification (tmt's SpecificationError). */
public class SpecificationException extends FmfException {
    public SpecificationException(String message) {
        super(message);
    }
}
