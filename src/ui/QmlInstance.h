#pragma once

#include <QJSEngine>

namespace cii {

/// The one instance of a QML singleton type, built by the composition root (main.cpp, through UiServices) or by a
/// test, that the type's static create() hands to QML: declarative registration (QML_SINGLETON) with an instance
/// made in C++, as KDE Itinerary's REGISTER_SINGLETON_INSTANCE does. UI thread only.
template <typename T>
class QmlInstance
{
public:
    static void set(T *instance) { s_instance = instance; }
    static T *get() { return s_instance; }
    /// Forgets `instance` if it is the one set (its destructor calls this).
    static void clear(const T *instance)
    {
        if (s_instance == instance)
            s_instance = nullptr;
    }
    /// For T::create(): the instance set, which C++ keeps owning. Types that must exist before theirs is set
    /// (the window loads without a store) use the overload with a fallback.
    static T *forQml()
    {
        Q_ASSERT(s_instance);
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    /// The instance set, or, when none is, `makeIdle()`: an idle one that the QML engine owns.
    template <typename MakeIdle>
    static T *forQml(MakeIdle makeIdle)
    {
        return s_instance ? forQml() : makeIdle();
    }

private:
    static inline T *s_instance = nullptr;
};

} // namespace cii
