package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * For every bean implementing an {@code @ScopeTask} interface named in the processor's Scoped
 * index, registers its {@code Scoped*} bean: {@code ScopedUserService.of(userService, runtime)},
 * named {@code scoped} + the delegate's capitalised name, primary where the delegate is. When the
 * application already defines a bean of that {@code Scoped*} type, it wins and none is registered.
 * The types come from the index and the bean definitions; the only reflective step is looking up
 * the generated {@code of(delegate, runtime)} once per interface.
 */
final class ScopedBeanRegistrar implements BeanDefinitionRegistryPostProcessor, Ordered {

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
    if (!(registry instanceof ConfigurableListableBeanFactory beans)) {
      return;
    }
    ClassLoader loader = beans.getBeanClassLoader() != null
        ? beans.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
    for (Map.Entry<String, String> entry : ScopedIndex.read(loader).entrySet()) {
      Class<?> contract = load(entry.getKey(), loader);
      Class<?> scoped = load(entry.getValue(), loader);
      if (contract == null || scoped == null || !Modifier.isPublic(scoped.getModifiers())
          || !Modifier.isPublic(contract.getModifiers()) || beans.getBeanNamesForType(scoped, true, false).length > 0) {
        // Not on this class path after all, package-private (wire it by hand, in its package), or
        // the application's own Scoped bean wins.
        continue;
      }
      MethodHandle of = null;
      for (String delegate : beans.getBeanNamesForType(contract, true, false)) {
        if (of == null) {
          of = factory(contract, scoped);
        }
        registry.registerBeanDefinition(beanName(delegate), definition(beans, registry, delegate, contract, scoped, of));
      }
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after the configuration classes have declared every bean
  }

  private static RootBeanDefinition definition(ConfigurableListableBeanFactory beans, BeanDefinitionRegistry registry,
      String delegate, Class<?> contract, Class<?> scoped, MethodHandle of) {
    RootBeanDefinition definition = new RootBeanDefinition(scoped);
    ResolvableType delegateType = beans.getMergedBeanDefinition(delegate).getResolvableType();
    if (scoped.getTypeParameters().length > 0) {
      ResolvableType[] generics = delegateType.as(contract).getGenerics();
      if (generics.length == scoped.getTypeParameters().length) {
        definition.setTargetType(ResolvableType.forClassWithGenerics(scoped, generics));
      }
    }
    definition.setInstanceSupplier(() -> {
      try {
        return of.invoke(beans.getBean(delegate), beans.getBean(ScopeRuntime.class));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new BeanCreationException(beanName(delegate), "could not wrap bean '" + delegate + "'", e);
      }
    });
    definition.setDependsOn(delegate);
    definition.setPrimary(registry.getBeanDefinition(delegate).isPrimary());
    definition.setRole(BeanDefinition.ROLE_APPLICATION);
    definition.setDescription("Scoped bean of '" + delegate + "', registered by gogoscope's starter");
    return definition;
  }

  /** {@code scopedUserService} for {@code userService}. */
  static String beanName(String delegate) {
    return "scoped" + Character.toUpperCase(delegate.charAt(0)) + delegate.substring(1);
  }

  /** The generated {@code static ScopedX of(X delegate, ScopeRuntime runtime)}, typed as (Object, ScopeRuntime)Object. */
  private static MethodHandle factory(Class<?> contract, Class<?> scoped) {
    try {
      MethodHandle of = MethodHandles.publicLookup()
          .findStatic(scoped, "of", MethodType.methodType(scoped, contract, ScopeRuntime.class));
      return of.asType(MethodType.methodType(Object.class, Object.class, ScopeRuntime.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(scoped.getName() + " has no public static of(" + contract.getName()
          + ", ScopeRuntime): was it generated by another version of gogoscope's processor?", e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return ClassUtils.forName(name, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
