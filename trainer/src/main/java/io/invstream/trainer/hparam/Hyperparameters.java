package io.invstream.trainer.hparam;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks an immutable record of hyperparameters (an algorithm's, an optimiser's): its components
 * are listed as name → value strings, recorded with every model update, and can be overridden
 * from strings such as the CLI's {@code --hp tau=0.8}.
 *
 * <p>The component names are the keys, so a record's declaration is its only definition; values
 * are validated by the record's compact constructor. Supported component types: {@code double},
 * {@code float}, {@code int}, {@code long}, {@code boolean}, {@code String}.
 */
public interface Hyperparameters {

  /** Component name → value, in declaration order. */
  default Map<String, String> asStrings() {
    Map<String, String> out = new LinkedHashMap<>();
    for (RecordComponent c : components(getClass())) {
      try {
        out.put(c.getName(), String.valueOf(c.getAccessor().invoke(this)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read hyperparameter " + c.getName(), e);
      }
    }
    return out;
  }

  /**
   * A copy of {@code base} with the given components replaced; unknown keys and unparsable values
   * are errors that name the key and the valid keys.
   */
  static <H extends Record & Hyperparameters> H withOverrides(H base, Map<String, String> overrides) {
    RecordComponent[] comps = components(base.getClass());
    List<String> names = Arrays.stream(comps).map(RecordComponent::getName).toList();
    for (String key : overrides.keySet()) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '" + key + "' for " + base.getClass().getSimpleName() + "; valid keys: " + names);
      }
    }
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      String text = overrides.get(comps[i].getName());
      try {
        args[i] = text == null ? comps[i].getAccessor().invoke(base) : parse(comps[i], text);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read hyperparameter " + comps[i].getName(), e);
      }
    }
    try {
      Constructor<?> canonical = base.getClass().getDeclaredConstructor(types);
      @SuppressWarnings("unchecked")
      H copy = (H) canonical.newInstance(args);
      return copy;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + base.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses {@code key=value} pairs, e.g. {@code ["tau=0.8", "k=100"]}, into a map for {@link
   * #withOverrides}.
   */
  static Map<String, String> parsePairs(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("hyperparameter '" + pair + "' is not of the form key=value");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  private static RecordComponent[] components(Class<?> type) {
    RecordComponent[] comps = type.getRecordComponents();
    if (comps == null) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    return comps;
  }

  private static Object parse(RecordComponent c, String text) {
    Class<?> t = c.getType();
    try {
      if (t == double.class) {
        return Double.parseDouble(text);
      } else if (t == float.class) {
        return Float.parseFloat(text);
      } else if (t == int.class) {
        return Integer.parseInt(text);
      } else if (t == long.class) {
        return Long.parseLong(text);
      } else if (t == boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new NumberFormatException("expected true or false");
        }
        return Boolean.parseBoolean(text);
      } else if (t == String.class) {
        return text;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "hyperparameter '" + c.getName() + "' needs a " + t.getSimpleName() + ", got '" + text + "'", e);
    }
    throw new IllegalStateException("unsupported hyperparameter type " + t + " of " + c.getName());
  }
}
